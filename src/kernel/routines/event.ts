import { type EVENT_TYPE } from '../codes.js';
import type { NTSTATUS } from '../ntstatus.js';
import { Op } from '../protocol.js';
import { objectArg } from '../guest/args.js';
import { kcall } from '../guest/runtime.js';
import { KEVENT } from '../objects/event.js';

/** Initializes an event as a notification or synchronization event, signaled or not. **Any IRQL.** */
export function KeInitializeEvent(Event: KEVENT, Type: EVENT_TYPE, State: boolean): Promise<void> {
  return kcall(Op.KeInitializeEvent, objectArg(Event, KEVENT, 'KeInitializeEvent', 'Event'), Number(Type), Boolean(State));
}

/** Signals an event and returns its previous state (1 signaled, 0 not). **IRQL ≤ DISPATCH_LEVEL.** */
export function KeSetEvent(Event: KEVENT, Increment: number, Wait: boolean): Promise<number> {
  void Increment;
  return kcall(Op.KeSetEvent, objectArg(Event, KEVENT, 'KeSetEvent', 'Event'), Boolean(Wait));
}

/** Resets an event to not signaled. **IRQL ≤ DISPATCH_LEVEL.** */
export function KeClearEvent(Event: KEVENT): Promise<void> {
  return kcall(Op.KeClearEvent, objectArg(Event, KEVENT, 'KeClearEvent', 'Event'));
}

/**
 * Waits until the event is signaled. **IRQL < DISPATCH_LEVEL and no spin lock
 * held** for a wait that may block (SDV SpinLockSafe); at DISPATCH_LEVEL only
 * a zero timeout is allowed. `Timeout`: null waits forever; 0 polls; any other
 * number lets the wait time out (STATUS_TIMEOUT).
 */
export function KeWaitForSingleObject(
  Object: KEVENT,
  WaitReason: number,
  WaitMode: number,
  Alertable: boolean,
  Timeout: number | null,
): Promise<NTSTATUS> {
  void WaitReason;
  void WaitMode;
  void Alertable;
  return kcall(
    Op.KeWaitForSingleObject,
    objectArg(Object, KEVENT, 'KeWaitForSingleObject', 'Object'),
    Timeout === null || Timeout === undefined ? -1 : Number(Timeout),
  );
}
