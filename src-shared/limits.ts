// Size limits of what the contract accepts. Kept apart from the schemas so code that only needs the
// numbers (the headless host's socket limit) does not load the validation library.
export const LIMITS = {
  title: 200,
  name: 120,
  description: 5_000,
  notes: 20_000,
  minutesChars: 500_000,
  options: 10,
  /** Attachments travel base64-encoded over the contract; 20 MiB of file is ~27 MiB of text. */
  attachmentBytes: 20 * 1024 * 1024,
  pageSize: 500,
  /** A full-text query's text. */
  searchText: 200,
  /** The search worker's snapshot travels in parts small enough for one message each. */
  snapshotPartChars: 8 * 1024 * 1024,
  snapshotParts: 64,
} as const;
