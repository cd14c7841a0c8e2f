/**
 * What one browser tab (and the CLI, which runs the same DuckDB-WASM build) can hold. Measured
 * figures; the README's "Limits" section says how they were measured.
 */

/**
 * Memory DuckDB-WASM gives itself, in MB: a 32-bit WebAssembly engine has 4 GB of address space
 * and the engine stops at 3.1 GiB ("could not allocate block ... (3.1 GiB/3.1 GiB used)", bench/LIMITS.md).
 */
export const ENGINE_MEMORY_MB = 3_174;

/**
 * Rows of one workbook sheet. Measured (Node 20, SheetJS 0.20.3, the reader's options): a sheet
 * of 1,000,000 rows x 8 columns (368 MB of sheet XML, 40 MB on disk) parses in 1.1 GB of
 * JavaScript heap (2.1 GB RSS, 165 s on 2 cores); a browser tab's heap stops at about 4 GB, and
 * the parser holds every sheet at once. Excel itself stops at 1,048,576.
 */
export const MAX_SHEET_ROWS = 1_000_000;

/**
 * Sheet XML of a whole workbook, in MB (every entry inflated, counted as a stream). Above about
 * 512 MB one sheet no longer fits in a JavaScript string at all (the parser then reports an empty
 * sheet); 400 MB is the measured 1,000,000 x 8 sheet with room to spare.
 */
export const MAX_WORKBOOK_XML_MB = 400;

/** Workbook files are read whole: at most this many bytes (a 1,000,000-row sheet is 40 MB). */
export const MAX_WORKBOOK_BYTES = 200 * 2 ** 20;

/**
 * Delimited text in one file, in MB. Measured (DuckDB-WASM Node build, the same engine and 3.1
 * GiB as the browser, empty workspace): a 640 MB orders CSV (11,500,000 lines of 7 columns)
 * loads in 144 s; 820 MB (14,700,000 lines) runs out of memory while loading. Larger files are
 * refused before they are read.
 */
export const MAX_CSV_MB = 640;

/** The order lines MAX_CSV_MB held in that measurement (said in the refusal, as a yardstick). */
export const MAX_CSV_ROWS = 11_500_000;

/**
 * JSON and NDJSON, in MB: they are read whole and parsed in JavaScript. Measured (Node 20, 4 GB
 * heap like a browser tab): a 400 MB array of 2,824,949 order records loads in 115 s (4.4 GB
 * RSS with the engine); above about 512 MB the text no longer fits in one JavaScript string.
 */
export const MAX_JSON_MB = 400;
