/**
 * Area under the ROC curve by the Mann-Whitney U statistic: the probability that a randomly
 * chosen positive scores above a randomly chosen negative, ties counting one half (midranks).
 * Higher score = more likely positive. Pairs whose score is not finite are skipped.
 * Returns null when either class is empty, because the AUC is then undefined.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number | null {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (Number.isFinite(scores[i])) idx.push(i);
  idx.sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < idx.length; ) {
    let end = start;
    while (end + 1 < idx.length && scores[idx[end + 1]] === scores[idx[start]]) end++;
    // Ranks are 1-based; a tie block shares the mean of its ranks.
    const midrank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (Number(labels[idx[k]]) === 1) {
        positives++;
        rankSum += midrank;
      }
    }
    start = end + 1;
  }
  const negatives = idx.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
