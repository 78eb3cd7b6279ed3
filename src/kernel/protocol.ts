/**
 * The seam between the student's realm (the guest: kernel objects and
 * routines, tracked-memory proxies) and the trusted machine (the host).
 *
 * Everything that crosses it is a primitive: object ids, op codes, field
 * names, numbers. The guest never receives a host object or function, so a
 * student module running in a `vm` context cannot reach `process` through it.
 */

/** A value that may cross the seam. */
export type Prim = string | number | boolean | bigint | null | undefined;

/** Kernel calls the guest asks the host to perform (each is a scheduling point). */
export const enum Op {
  KeInitializeSpinLock = 1,
  KeAcquireSpinLock,
  KeReleaseSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeReleaseSpinLockFromDpcLevel,
  KeTryToAcquireSpinLockAtDpcLevel,
  KeAcquireInStackQueuedSpinLock,
  KeReleaseInStackQueuedSpinLock,
  KeAcquireInStackQueuedSpinLockAtDpcLevel,
  KeReleaseInStackQueuedSpinLockFromDpcLevel,
  KeAcquireInterruptSpinLock,
  KeReleaseInterruptSpinLock,
  KeRaiseIrql,
  KeLowerIrql,
  ExInterlockedInsertHeadList,
  ExInterlockedInsertTailList,
  ExInterlockedRemoveHeadList,
  ExInterlockedPushEntryList,
  ExInterlockedPopEntryList,
  ExInterlockedAddUlong,
  KeInitializeDpc,
  KeInsertQueueDpc,
  IoInitializeDpcRequest,
  IoRequestDpc,
  IoConnectInterrupt,
  IoDisconnectInterrupt,
  KeSynchronizeExecution,
  IoCompleteRequest,
  ExAllocatePool2,
  ExFreePool,
  KeInitializeEvent,
  KeSetEvent,
  KeClearEvent,
  KeWaitForSingleObject,
  KeStallExecutionProcessor,
  /**
   * Not a kernel routine: a scheduling point the rewritten bundle makes after
   * the routine touched tracked memory no lock protects (see
   * src/kernel/guest/scheduling-points.ts). Settles with nothing.
   */
  SchedulingPoint,
}

/** Names of the ops, for findings and timelines. */
export const OP_NAMES: Readonly<Record<number, string>> = {
  [Op.KeInitializeSpinLock]: 'KeInitializeSpinLock',
  [Op.KeAcquireSpinLock]: 'KeAcquireSpinLock',
  [Op.KeReleaseSpinLock]: 'KeReleaseSpinLock',
  [Op.KeAcquireSpinLockAtDpcLevel]: 'KeAcquireSpinLockAtDpcLevel',
  [Op.KeReleaseSpinLockFromDpcLevel]: 'KeReleaseSpinLockFromDpcLevel',
  [Op.KeTryToAcquireSpinLockAtDpcLevel]: 'KeTryToAcquireSpinLockAtDpcLevel',
  [Op.KeAcquireInStackQueuedSpinLock]: 'KeAcquireInStackQueuedSpinLock',
  [Op.KeReleaseInStackQueuedSpinLock]: 'KeReleaseInStackQueuedSpinLock',
  [Op.KeAcquireInStackQueuedSpinLockAtDpcLevel]: 'KeAcquireInStackQueuedSpinLockAtDpcLevel',
  [Op.KeReleaseInStackQueuedSpinLockFromDpcLevel]: 'KeReleaseInStackQueuedSpinLockFromDpcLevel',
  [Op.KeAcquireInterruptSpinLock]: 'KeAcquireInterruptSpinLock',
  [Op.KeReleaseInterruptSpinLock]: 'KeReleaseInterruptSpinLock',
  [Op.KeRaiseIrql]: 'KeRaiseIrql',
  [Op.KeLowerIrql]: 'KeLowerIrql',
  [Op.ExInterlockedInsertHeadList]: 'ExInterlockedInsertHeadList',
  [Op.ExInterlockedInsertTailList]: 'ExInterlockedInsertTailList',
  [Op.ExInterlockedRemoveHeadList]: 'ExInterlockedRemoveHeadList',
  [Op.ExInterlockedPushEntryList]: 'ExInterlockedPushEntryList',
  [Op.ExInterlockedPopEntryList]: 'ExInterlockedPopEntryList',
  [Op.ExInterlockedAddUlong]: 'ExInterlockedAddUlong',
  [Op.KeInitializeDpc]: 'KeInitializeDpc',
  [Op.KeInsertQueueDpc]: 'KeInsertQueueDpc',
  [Op.IoInitializeDpcRequest]: 'IoInitializeDpcRequest',
  [Op.IoRequestDpc]: 'IoRequestDpc',
  [Op.IoConnectInterrupt]: 'IoConnectInterrupt',
  [Op.IoDisconnectInterrupt]: 'IoDisconnectInterrupt',
  [Op.KeSynchronizeExecution]: 'KeSynchronizeExecution',
  [Op.IoCompleteRequest]: 'IoCompleteRequest',
  [Op.ExAllocatePool2]: 'ExAllocatePool2',
  [Op.ExFreePool]: 'ExFreePool',
  [Op.KeInitializeEvent]: 'KeInitializeEvent',
  [Op.KeSetEvent]: 'KeSetEvent',
  [Op.KeClearEvent]: 'KeClearEvent',
  [Op.KeWaitForSingleObject]: 'KeWaitForSingleObject',
  [Op.KeStallExecutionProcessor]: 'KeStallExecutionProcessor',
  [Op.SchedulingPoint]: 'may switch after',
};

/** What a host-side object is. */
export const enum Kind {
  Struct = 1,
  Array,
  SpinLock,
  QueueHandle,
  Dpc,
  Event,
  Interrupt,
  Function,
  Opaque,
}

/** Synchronous notes from the guest's plain (macro-like) helpers. */
export const enum Note {
  /** A plain list helper touched the list whose head is `a`. */
  PlainListOp = 1,
  /** IoMarkIrpPending on IRP `a`. */
  MarkIrpPending,
  /** The guest console printed `a`. */
  Print,
  /** READ_REGISTER_ULONG on device `a`: returns the data word of its interrupt. */
  ReadRegister,
  /** The kind of host object `a` (a {@link Kind}), for objects the guest has not seen yet. */
  KindOf,
  /** CONTAINING_RECORD: the record that embeds entry `a` at field path `b`; returns 0 (then {@link HostBridge.refId}) or a refusal. */
  ContainingRecord,
  /** KeGetCurrentIrql: returns the running context's IRQL. */
  CurrentIrql,
  /** KeGetCurrentProcessorNumber: returns the running context's CPU. */
  CurrentProcessor,
  /**
   * Tracked object `a` holds state two routine calls may share outside the
   * device (a module's variables, a closure's): it is named `b` for good
   * (`module.count`), and its races count against every data-race item.
   */
  NameShared,
  /** The running routine call's number, or -1 outside one (for the realm's Math.random: one stream per call). */
  CallId,
  /** The simulated clock: scheduling steps so far (for the realm's Date). */
  Clock,
  /**
   * Whether the running context touched tracked memory no lock protects
   * since its last scheduling point: 1 (and the host forgets it) if so, so the
   * guest makes a scheduling point now; else 0.
   */
  PointDue,
}

/**
 * Codes the host returns instead of a call id or a value when it refuses.
 * The guest turns each into a thrown error in the student's realm.
 */
export const enum Refusal {
  /** An argument has the wrong type (not a KSPIN_LOCK, say). */
  BadArgument = -1,
  /** The schedule has ended (a bug check, the step budget): unwind. */
  Stopped = -2,
  /** The field is read-only (an IRP's Parameters, say). */
  ReadOnly = -3,
  /** The value cannot be stored in tracked memory (a Map, a Promise…). */
  Untrackable = -4,
  /** A bug in spinlab itself; the run is abandoned. */
  Internal = -5,
}

/**
 * The host functions the guest calls. Arguments and results are primitives;
 * object references travel as ids with an `isRef` flag beside them.
 */
export interface HostBridge {
  /**
   * A kernel call by the running context. `callId` was chosen by the guest,
   * which has already registered its resolver. Returns 0, or a {@link Refusal}.
   */
  call(callId: number, op: number, a: Prim, b: Prim, c: Prim, d: Prim, e: Prim, f: Prim, g: Prim): number;
  /** Reads field `key` of tracked object `obj`: a primitive, or one of the {@link BridgeMarkers}. */
  read(obj: number, key: string): Prim | symbol;
  /** Writes field `key`; returns 0 or a {@link Refusal}. */
  write(obj: number, key: string, value: Prim, isRef: boolean): number;
  /** Whether tracked object `obj` has own field `key`. */
  has(obj: number, key: string): boolean;
  /** Deletes own field `key`; returns 0 or a {@link Refusal}. */
  remove(obj: number, key: string): number;
  /** The own keys of tracked object `obj`, as a JSON array. */
  keys(obj: number): string;
  /** Makes a host object of `kind` (its name is `label`); returns its id or a {@link Refusal}. */
  alloc(kind: number, label: string): number;
  /** The id behind the last `ref` marker returned by {@link read}, {@link call} results or {@link refId}. */
  refId(): number;
  /** A routine frame returned `value`. */
  returned(frame: number, value: Prim, isRef: boolean): void;
  /** A routine frame threw; `description` says what. */
  threw(frame: number, description: string): void;
  /** A synchronous note (see {@link Note}); returns a number where the note asks for one. */
  note(kind: number, a: Prim, b: Prim): Prim;
}

/**
 * The guest functions the host calls, also with primitives only. They are
 * taken once, when the guest is installed, so later student code cannot
 * replace them.
 */
export interface GuestControl {
  /** Settles the guest's pending kernel call `callId` with a value. */
  resume(callId: number, value: Prim, isRef: boolean): void;
  /** Settles the guest's pending kernel call `callId` by throwing a kernel error (`code` is a {@link Refusal}). */
  fail(callId: number, code: number, message: string): void;
  /**
   * Starts routine `fn` as frame `frame` with up to four arguments, each a
   * (value, isRef) pair. The guest reports the end through `returned`/`threw`.
   */
  invoke(frame: number, fn: number, argc: number, a0: Prim, r0: boolean, a1: Prim, r1: boolean, a2: Prim, r2: boolean, a3: Prim, r3: boolean): void;
  /** The driver module's exported routines, as JSON `{name: functionId}`. */
  exports(): string;
}

/** Markers the host returns from {@link HostBridge.read} and in results. */
export interface BridgeMarkers {
  /** The field holds an object: call {@link HostBridge.refId}. */
  readonly ref: symbol;
  /** The object has no such own field: look it up on the prototype. */
  readonly absent: symbol;
  /** The schedule has stopped: unwind (the guest throws). */
  readonly stopped: symbol;
}
