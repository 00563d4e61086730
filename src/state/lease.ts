import { UserFacingError } from '../errors.js';
import type { Fencing } from './backends.js';

/** A write made while holding a lock; refused once the lock is no longer the caller's. */
export interface Lease {
  set(ns: string, key: string, value: unknown, ttlMs?: number): Promise<void>;
}

/**
 * The holder's lock expired before it wrote (it stalled longer than the lock's time-to-live) and
 * someone else may have changed the record since: the write is refused so it cannot undo theirs.
 */
export class LockLostError extends UserFacingError {
  constructor(key: string) {
    super('lock_lost');
    this.message = `lock ${key} expired before its holder wrote`;
  }
}

export interface HeldLock {
  readonly lease: Lease;
  /** Stops renewing; later writes through the lease are refused. */
  end(): void;
}

interface HoldOptions {
  key: string;
  claimKey: string;
  token: string;
  ttlMs: number;
  /** Store-call wrapper (deadline, outage logging). */
  call<T>(what: string, op: () => Promise<T>): Promise<T>;
  /** Plain write, used where no other process can hold the lock. */
  write(ns: string, key: string, value: unknown, ttlMs?: number): Promise<void>;
  fencing?: Fencing | undefined;
  onLost(key: string): void;
}

/**
 * Keeps a lock alive while its holder works: renewed every third of its time-to-live, so a holder
 * that dies stalls others for at most one TTL. A renewal that finds the lock gone ends the lease.
 */
export function holdLock(o: HoldOptions): HeldLock {
  let state: 'held' | 'lost' | 'ended' = 'held';
  const lose = () => {
    if (state === 'held') o.onLost(o.key);
    state = 'lost';
  };
  const fencing = o.fencing;
  const timer = fencing
    ? setInterval(() => {
        o.call('renew', () => fencing.renew(o.claimKey, o.token, o.ttlMs)).then(
          (kept) => kept || lose(),
          () => {},
        );
      }, Math.max(1, Math.floor(o.ttlMs / 3)))
    : undefined;
  timer?.unref();
  const storeKey = (ns: string, key: string) => `${ns}:${key}`;
  const lease: Lease = {
    async set(ns, key, value, ttlMs) {
      if (state !== 'held') throw new LockLostError(o.key);
      if (!fencing) return o.write(ns, key, value, ttlMs);
      if (!(await o.call('set', () => fencing.setIfHeld(o.claimKey, o.token, storeKey(ns, key), value, ttlMs)))) {
        lose();
        throw new LockLostError(o.key);
      }
    },
  };
  return {
    lease,
    end() {
      clearInterval(timer);
      if (state === 'held') state = 'ended';
    },
  };
}
