import type zh from './analyst.zh-CN';

/** English text of the analyst's data panel; the shape must match analyst.zh-CN. */
const en: typeof zh = {
  title: 'Data & settings',
  tabs: { files: 'Files', checks: 'Join diagnostics', settings: 'Churn definition & settings', workspaces: 'Workspaces' },
  queue: { queued: 'queued', loading: 'loading', done: 'done', error: 'failed', cancelled: 'cancelled', cancel: 'Cancel', clear: 'Clear finished', rows: '{rows} rows', rate: '{mbps} MB/s', storageFull: '{file}: the browser has no storage space left for this file. Nothing of it was loaded and the workspace is as it was; delete a workspace you no longer need (Workspaces tab) or free disk space, then drop the file again.', phase: { reading: 'reading', staging: 'staging', detecting: 'detecting', converting: 'converting', done: 'done' } },
  append: { title: 'Last append', added: '+{n} {table}', updated: '{n} {table} updated', duplicates: '{n} {table} already loaded (not counted twice)', rejected: '{n} rows rejected', undo: 'Undo this append', undone: 'Undone', nothing: 'No new data' },
  file: {
    remove: 'Remove', select: 'Details', detail: 'File details', table: 'Detected as', chooseTable: 'Choose a table', encoding: 'Encoding', delimiter: 'Delimiter', format: 'Format', preset: 'Preset', confidence: 'Confidence',
    rowsRead: 'Rows read', rowsLoaded: 'Loaded', rowsRejected: 'Rejected', rowsReplaced: 'Replaced older rows', rowsDuplicate: 'Rows already loaded (not counted twice)', duplicateIds: 'Duplicate ids in file',
    origin: { detected: 'detected', user: 'fixed by hand', remembered: 'remembered fix applied' },
    tabs: { mapping: 'Column mapping', preview: 'Preview (first 20 rows)', rejected: 'Rejected rows' },
    noRejected: 'No rejected rows.', line: 'Line', reason: 'Reason', downloadRejected: 'Download rejected rows (CSV)', none: 'No files loaded yet (showing the demo company).',
  },
  confirm: {
    title: 'Which reading is right?', why: 'Not sure how to read this file (least sure of {what}: {confidence}%; the app asks below {threshold}%). Nothing of it is on the screen yet: choose the reading that is right.',
    part: { table: 'the table', header: 'the header row', key: 'the column for {column}' },
    missing: 'This reading leaves {cols} unmapped: choose its column in the mapping below.', reading: 'Reading {n}', fit: 'fits {pct}%', choose: 'Load as {table}', waiting: 'waiting for your choice',
    remember: 'The choice is remembered: files with the same headers load this way from now on.',
  },
  mapping: {
    missing: 'Required columns still to map: {cols}', duplicated: 'Chosen more than once: {cols}', 
    source: 'Source column', sample: 'Sample', target: 'Maps to', kind: 'Type', confidence: 'Confidence', keepExtra: '(keep as extra attribute)', ignore: '(not used)',
    apply: 'Apply and reload this file', reset: 'Revert', hint: 'Only this file is reloaded; files with the same headers will get this fix from now on.',
    reason: { synonym: 'header synonym', content: 'by content', preset: 'preset', user: 'by hand', extra: 'extra column' },
    kinds: { id: 'id', text: 'text', date: 'date', timestamp: 'date-time', number: 'number', boolean: 'yes/no' },
  },
  checks: {
    title: 'Join diagnostics', run: 'Check again', clean: 'No problems found', rows: '{n} rows', customers: '{n} customers', showRows: 'Show rows', hideRows: 'Hide', first: 'first {n} rows',
    kind: {
      'unknown-customer': 'Unknown customers in {table} (not in the customers file)',
      'duplicate-id': 'Duplicate ids in {table}',
      'future-date': 'Dates after today in {table}',
      'negative-amount': 'Negative amounts in {table}',
    },
    note: { 'negative-amount': 'Returns and credit notes subtract value; check these are not typing errors.', 'unknown-customer': 'These rows are kept and counted.' },
  },
  workspace: {
    new: 'New empty workspace', current: 'Current workspace', demo: 'Demo data', saveAs: 'Save as', namePlaceholder: 'Workspace name', open: 'Open', delete: 'Delete', deleteConfirm: 'Delete the workspace "{name}"?', saved: 'saved {time}',
    size: '{size}, {files} files', storage: 'Browser storage used: {used} of {quota}', list: 'Saved workspaces', none: 'No saved workspaces yet.',
    clearAll: 'Delete all data', clearConfirm: 'Delete every workspace, file and setting and go back to the demo company?', nameTaken: 'A workspace with that name exists.', nameEmpty: 'Enter a name.',
    dataUrl: 'Data URL', dataUrlHelp: 'The wall re-reads this address on every refresh (a CSV or Parquet the CRM drops nightly on the same network); if a read fails, the last good data stays and the error shows.', dataUrlSet: 'Use', dataUrlClear: 'Stop', dataUrlNow: 'Read now',
  },
  bundle: {
    title: 'Facts bundle: {label}', written: 'Contract version {version}, written by {engine} at {at}, as of {asOf}; the screen is drawn from its tables, with no raw rows.',
    tables: 'Tables: {tables}', omitted: 'Left out by its writer: {tables}', replace: 'Dropping another bundle replaces it; dropping data files loads them here instead of the bundle.',
  },
  dataUrl: { failed: 'Data URL failed: {error} (showing data from {time})', loaded: 'Data URL updated {time}', unchanged: 'Data URL unchanged' },
  exportPng: 'Export PNG',
};
export default en;
