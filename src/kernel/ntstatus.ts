/** NTSTATUS values a spinlab driver returns and completes IRPs with. */

/** A status code. Branded so that plain numbers are not mistaken for one. */
export type NTSTATUS = number & { readonly __brand: 'NTSTATUS' };

export const STATUS_SUCCESS = 0x00000000 as NTSTATUS;
export const STATUS_PENDING = 0x00000103 as NTSTATUS;
export const STATUS_UNSUCCESSFUL = 0xc0000001 as NTSTATUS;
export const STATUS_NOT_IMPLEMENTED = 0xc0000002 as NTSTATUS;
export const STATUS_INVALID_PARAMETER = 0xc000000d as NTSTATUS;
export const STATUS_INVALID_DEVICE_REQUEST = 0xc0000010 as NTSTATUS;
export const STATUS_INSUFFICIENT_RESOURCES = 0xc000009a as NTSTATUS;
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023 as NTSTATUS;
export const STATUS_DEVICE_BUSY = 0x80000011 as NTSTATUS;
export const STATUS_NO_MORE_ENTRIES = 0x8000001a as NTSTATUS;
export const STATUS_CANCELLED = 0xc0000120 as NTSTATUS;
export const STATUS_TIMEOUT = 0x00000102 as NTSTATUS;

/** True for success and informational codes, as the WDK's NT_SUCCESS macro. */
export function NT_SUCCESS(status: NTSTATUS): boolean {
  return (status | 0) >= 0;
}
