/**
 * An interrupt object, made by {@link IoConnectInterrupt}. It holds the
 * interrupt spin lock (the driver-supplied one, if the driver passed one) and
 * the SynchronizeIrql. Touch data shared with the ISR only through
 * {@link KeSynchronizeExecution} with this object.
 */
export class KINTERRUPT {
  declare private readonly __brand: 'KINTERRUPT';
  private constructor() {
    throw new TypeError('A KINTERRUPT is made by IoConnectInterrupt, not by new.');
  }
}
