// One way for a page to run an action the user asked for: busy while it runs (buttons show it), the
// server's refusal shown in its own words, a success message when one is given, then `after` (reload
// what changed). `act` resolves true when the action succeeded, so a dialog knows whether to close.
import { useState } from 'react';
import { App as AntApp } from 'antd';

export function useAction(after?: () => void) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>, ok?: string): Promise<boolean> => {
    setBusy(true);
    try {
      await fn();
      if (ok) void message.success(ok);
      after?.();
      return true;
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, act };
}
