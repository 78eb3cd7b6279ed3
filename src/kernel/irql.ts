/**
 * Interrupt request levels (x64 values). A CPU runs at one IRQL at a time;
 * raising it masks everything at or below it on that CPU only.
 */

/**
 * An IRQL. Branded so that a value that is not an IRQL — a `Promise<KIRQL>`
 * from a missing `await`, say — does not type-check where one is expected.
 */
export type KIRQL = number & { readonly __brand: 'KIRQL' };

/** Threads run here: dispatch routines, DriverEntry, AddDevice, worker threads. */
export const PASSIVE_LEVEL = 0 as KIRQL;
/** Asynchronous procedure calls; masks APCs only. */
export const APC_LEVEL = 1 as KIRQL;
/** DPCs and holders of executive spin locks run here; the thread scheduler is masked. */
export const DISPATCH_LEVEL = 2 as KIRQL;
/** The lowest device interrupt level (DIRQLs are 3–12 in spinlab). */
export const DIRQL_MIN = 3 as KIRQL;
/** The highest device interrupt level spinlab simulates. */
export const DIRQL_MAX = 12 as KIRQL;
/** The clock interrupt. */
export const CLOCK_LEVEL = 13 as KIRQL;
/** Everything is masked. */
export const HIGH_LEVEL = 15 as KIRQL;

/** Whether `value` is a valid IRQL number. */
export function isIrql(value: unknown): value is KIRQL {
  return typeof value === 'number' && Number.isInteger(value) && value >= PASSIVE_LEVEL && value <= HIGH_LEVEL;
}

/** A readable name for an IRQL (`DISPATCH_LEVEL`, `DIRQL 5`). */
export function irqlName(irql: number): string {
  switch (irql) {
    case 0:
      return 'PASSIVE_LEVEL';
    case 1:
      return 'APC_LEVEL';
    case 2:
      return 'DISPATCH_LEVEL';
    case 13:
      return 'CLOCK_LEVEL';
    case 15:
      return 'HIGH_LEVEL';
    default:
      return irql >= 3 && irql <= 12 ? `DIRQL ${irql}` : `IRQL ${irql}`;
  }
}
