// Typed figures that are not submitted yet live only in the page. While there are any, closing or
// reloading the tab asks first (the browser's own dialog: its text cannot be set), so that an
// accidental Ctrl+W or reload does not throw away a reporter's work.
import { useEffect } from 'react';

export function useUnsavedWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // older browsers show the dialog only when returnValue is set
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
}
