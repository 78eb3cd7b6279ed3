/**
 * Delivers machine events to the observers (checks) that asked for their
 * type. The frequent events (access, sync, acquire, release) are delivered
 * in one reused object per type, so the hot path allocates nothing: an
 * observer must copy what it needs and never keep the event itself.
 */
import type { Context } from './context.js';
import type {
  AccessEvent,
  AcquireEvent,
  MachineEvent,
  MachineEventType,
  MachineObserver,
  ReleaseEvent,
  SyncEvent,
} from './events.js';
import type { Acquisition, HandleState, LockFamily, LockState } from './locks.js';
import type { Cell } from './memory.js';

const EVENT_TYPES: readonly MachineEventType[] = [
  'lock-init', 'acquire', 'acquired', 'lock-use', 'release', 'handle-misuse', 'access', 'sync', 'call',
  'pending-misuse', 'invariant', 'frame-enter', 'frame-return', 'unsafe-call', 'irql-misuse', 'plain-list',
  'interlocked', 'stop', 'end',
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The observers of one execution, by event type. */
export class EventBus {
  private readonly handlers = {} as Record<MachineEventType, MachineObserver[]>;
  private readonly accessObservers: MachineObserver[];
  private readonly syncObservers: MachineObserver[];
  private readonly acquireObservers: MachineObserver[];
  private readonly acquiredObservers: MachineObserver[];
  private readonly releaseObservers: MachineObserver[];
  private readonly accessEvent = { type: 'access' } as Mutable<AccessEvent>;
  private readonly syncEvent = { type: 'sync' } as Mutable<SyncEvent>;
  private readonly acquireEvent = { type: 'acquire' } as Mutable<AcquireEvent>;
  private readonly releaseEvent = { type: 'release' } as Mutable<ReleaseEvent>;

  constructor(observers: readonly MachineObserver[]) {
    for (const type of EVENT_TYPES) this.handlers[type] = [];
    for (const observer of observers) {
      for (const type of observer.events) this.handlers[type].push(observer);
    }
    this.accessObservers = this.handlers.access;
    this.syncObservers = this.handlers.sync;
    this.acquireObservers = this.handlers.acquire;
    this.acquiredObservers = this.handlers.acquired;
    this.releaseObservers = this.handlers.release;
  }

  /** Whether some observer wants events of `type` (emitters skip building events nobody reads). */
  wants(type: MachineEventType): boolean {
    return this.handlers[type].length > 0;
  }

  /** Sends an event to the observers that asked for its type. */
  emit(event: MachineEvent): void {
    deliver(this.handlers[event.type], event);
  }

  /** A read or write of a tracked field. */
  access(ctx: Context, cell: Cell, write: boolean, seq: number): void {
    const observers = this.accessObservers;
    if (observers.length === 0) return;
    const event = this.accessEvent;
    event.ctx = ctx;
    event.cell = cell;
    event.write = write;
    event.seq = seq;
    deliver(observers, event);
  }

  /** A happens-before edge (see {@link SyncEvent}). */
  sync(kind: SyncEvent['kind'], ctx: Context, key: object, child: Context | null = null): void {
    const observers = this.syncObservers;
    if (observers.length === 0) return;
    const event = this.syncEvent;
    event.kind = kind;
    event.ctx = ctx;
    event.key = key;
    event.child = child;
    deliver(observers, event);
  }

  /** A context is about to take a lock (`acquire`) or has taken it (`acquired`). */
  acquire(
    type: 'acquire' | 'acquired',
    ctx: Context,
    lock: LockState,
    family: LockFamily,
    via: string,
    handle: HandleState | null,
    irql: number,
    seq: number,
  ): void {
    const observers = type === 'acquire' ? this.acquireObservers : this.acquiredObservers;
    if (observers.length === 0) return;
    const event = this.acquireEvent;
    event.type = type;
    event.ctx = ctx;
    event.lock = lock;
    event.family = family;
    event.via = via;
    event.handle = handle;
    event.irql = irql;
    event.seq = seq;
    deliver(observers, event);
  }

  /** A context releases a lock (see {@link ReleaseEvent}). */
  release(ctx: Context, lock: LockState, family: LockFamily, via: string, handle: HandleState | null, own: Acquisition | null, irql: number, newIrql: number, seq: number): void {
    const observers = this.releaseObservers;
    if (observers.length === 0) return;
    const event = this.releaseEvent;
    event.ctx = ctx;
    event.lock = lock;
    event.family = family;
    event.via = via;
    event.handle = handle;
    event.own = own;
    event.irql = irql;
    event.newIrql = newIrql;
    event.seq = seq;
    deliver(observers, event);
  }
}

function deliver(observers: readonly MachineObserver[], event: MachineEvent): void {
  for (let i = 0; i < observers.length; i++) observers[i]!.handle(event);
}
