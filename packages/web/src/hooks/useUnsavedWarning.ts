// Typed figures that are not submitted yet live only in the page. While there are any, leaving
// asks first: another page of the app through a confirmation (the router holds the navigation
// until the user decides), closing or reloading the tab through the browser's own dialog (whose
// text cannot be set). An accidental click on the menu or Ctrl+W does not throw a reporter's work
// away.
import { useEffect, useRef } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';

/** `unsaved`: how many items are typed but not submitted (0: nothing to lose). */
export function useUnsavedWarning(unsaved: number): void {
  const { modal } = AntApp.useApp();
  const { t } = useTranslation();
  const dirty = unsaved > 0;

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

  // another page only: the same page with other query parameters (the period) asks on its own
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  const latest = useRef({ blocker, unsaved });
  latest.current = { blocker, unsaved };
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('form.leaveTitle'),
      content: t('form.leaveBody', { count: latest.current.unsaved }),
      okText: t('form.leaveOk'),
      okButtonProps: { danger: true },
      onOk: () => latest.current.blocker.proceed?.(),
      onCancel: () => latest.current.blocker.reset?.(),
    });
  }, [blocker.state, modal, t]);
}
