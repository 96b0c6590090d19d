/** Exit statuses of docs/rules.md#the-config-file-and-the-cli. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];
