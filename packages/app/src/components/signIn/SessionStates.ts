import { SessionState } from '@backstage/core-plugin-api';
import { Observable, Observer, Subscription } from '@backstage/types';

/** A session's state as an observable that tells each new subscriber the current state first. */
export class SessionStates implements Observable<SessionState> {
  private current: SessionState = SessionState.SignedOut;
  private readonly observers = new Set<Observer<SessionState>>();

  [Symbol.observable]() {
    return this;
  }

  subscribe(
    next?: Observer<SessionState> | ((state: SessionState) => void),
    error?: (error: Error) => void,
    complete?: () => void,
  ): Subscription {
    const observer: Observer<SessionState> =
      typeof next === 'function' ? { next, error, complete } : next ?? {};
    this.observers.add(observer);
    observer.next?.(this.current);
    let closed = false;
    return {
      unsubscribe: () => {
        closed = true;
        this.observers.delete(observer);
      },
      get closed() {
        return closed;
      },
    };
  }

  set(state: SessionState) {
    if (state === this.current) {
      return;
    }
    this.current = state;
    for (const observer of this.observers) {
      observer.next?.(state);
    }
  }
}
