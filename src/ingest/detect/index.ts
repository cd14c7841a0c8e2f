/** Table detection and column mapping of loaded files (no Vue, no I/O). */
export { detectTable, type DetectionResult } from './detectTable';
export { bestSynonymMatch, bestSynonymScore, headerCoreKey, headerKey, headerMatchScore, headerSignature, headerWords, normaliseHeader } from './headers';
export { contentFit, contentScore, mappingForTable, type ColumnMapping } from './mapping';
export { CRM_PRESETS, findPresetHeader, matchPreset, type CrmPreset } from './presets';
