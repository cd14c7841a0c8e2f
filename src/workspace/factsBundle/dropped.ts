import { FACTS_CONTRACT, FACTS_MANIFEST } from './contract';
import { FactsBundleError } from './manifest';
import { looksLikeBundleFile, type BundleInput } from './stageBundle';

/** A file's own name, without the folder a directory drop gives it. */
const baseName = (f: File) => f.name.split(/[\\/]/).pop() ?? f.name;
/** Files a folder carries without anyone meaning them (.DS_Store, Thumbs.db, desktop.ini ...). */
const incidental = (name: string) => name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name);

/**
 * The facts bundle among dropped files, or null when the drop is data to load as rows: a bundle is
 * a manifest.json of the facts contract with its Parquet files (dropped together, or as their
 * folder). Parquet files that are not a bundle's keep loading as data. Throws a FactsBundleError
 * for a drop that is a bundle but not a whole one: contract files without their manifest.json, or
 * a bundle dropped with files it does not list. `folder`: the name of a dropped folder.
 */
export async function droppedBundle(list: readonly File[], folder?: string | null): Promise<BundleInput | null> {
  const files = list.filter((f) => !incidental(baseName(f)));
  const manifests = files.filter((f) => baseName(f).toLowerCase() === FACTS_MANIFEST);
  if (manifests.length === 0) {
    const contractFiles = files.filter((f) => looksLikeBundleFile(baseName(f)));
    if (contractFiles.length > 0 && contractFiles.length === files.length) {
      const names = contractFiles.map(baseName).sort();
      const more = names.length > 2 ? names.length - 2 : 0;
      const shown = names.slice(0, 2).join(', ');
      throw new FactsBundleError(FACTS_MANIFEST,
        `缺少：拖入的 ${shown}${more ? ` 等 ${names.length} 个文件` : ''}是事实数据包的文件，请连同 ${FACTS_MANIFEST} 一起拖入（或拖入整个文件夹）`,
        `missing: the dropped ${shown}${more ? ` and ${more} more` : ''} are a facts bundle's files; drop them with their ${FACTS_MANIFEST} (or drop the whole folder)`);
    }
    return null;
  }
  const text = await manifests[0].text();
  type Parsed = { contract?: unknown; asOf?: unknown; files?: { file?: unknown }[] } | null;
  let parsed: Parsed = null;
  try {
    parsed = JSON.parse(text) as Parsed;
  } catch {
    // Not JSON: a bundle when the drop holds nothing but bundle files (the bundle check then names the problem).
    if (!files.every((f) => f === manifests[0] || looksLikeBundleFile(baseName(f)))) return null;
  }
  if (parsed !== null && parsed?.contract !== FACTS_CONTRACT) return null;
  if (manifests.length > 1) {
    throw new FactsBundleError(FACTS_MANIFEST, `拖入了 ${manifests.length} 个 ${FACTS_MANIFEST}：一次只能打开一个数据包`,
      `${manifests.length} copies dropped: open one bundle at a time`);
  }
  const byName = new Map(files.filter((f) => f !== manifests[0]).map((f) => [baseName(f), f]));
  const listed = new Set((Array.isArray(parsed?.files) ? parsed.files : []).map((f) => f?.file).filter((f): f is string => typeof f === 'string'));
  const foreign = [...byName.keys()].filter((n) => !listed.has(n));
  if (foreign.length > 0 && listed.size > 0) {
    throw new FactsBundleError(foreign[0],
      `不属于此数据包（${FACTS_MANIFEST} 没有列出它）：请单独拖入数据包${foreign.length > 1 ? `；其他未列出的文件：${foreign.slice(1, 4).join(', ')}` : ''}`,
      `not part of this bundle (its ${FACTS_MANIFEST} does not list it): drop the bundle on its own${foreign.length > 1 ? `; other unlisted files: ${foreign.slice(1, 4).join(', ')}` : ''}`);
  }
  const asOf = typeof parsed?.asOf === 'string' ? parsed.asOf : '';
  return {
    label: folder?.trim() || `facts ${asOf}`.trim(),
    manifest: text,
    file: async (name) => {
      const f = byName.get(name);
      return f ? new Uint8Array(await f.arrayBuffer()) : null;
    },
  };
}
