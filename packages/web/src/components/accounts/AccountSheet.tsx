// 账号分发单: the accounts just created or reset, one card per person (姓名、单位、账号、初始密码、登录地址
// and the QR code of the sign-in address), grouped by unit, laid out for A4 (print CSS in styles.css),
// and as an .xlsx. Shown only right after creation or reset: the passwords exist nowhere else.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Flex, Popconfirm, Space, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadAccountSheet, type IssuedAccount } from '../../api/accounts.ts';

/** Where a person works, as the sheet shows it: their units, else their indicators, else their organization. */
export const placeOf = (a: IssuedAccount) =>
  a.unitNames.length > 0 ? a.unitNames.join('、') : a.indicatorNames.length > 0 ? a.indicatorNames.join('、') : a.organizationName;

const svgData = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function AccountSheet({ accounts, onDone }: { accounts: IssuedAccount[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const roleWords = (a: IssuedAccount) => a.roles.map((r) => t(`accounts.role.${r}`)).join('、');
  const sorted = [...accounts].sort((a, b) => placeOf(a).localeCompare(placeOf(b), 'zh-CN'));

  const exportXlsx = async () => {
    setBusy(true);
    try {
      const blob = await downloadAccountSheet(accounts);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${t('accounts.sheet.title')}.xlsx`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="account-sheet" data-testid="account-sheet">
      <Flex justify="space-between" align="center" wrap gap={12} className="no-print" style={{ marginBottom: 12 }}>
        <Alert type="warning" showIcon title={t('accounts.sheet.intro')} style={{ flex: 1, minWidth: 320 }} />
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="sheet-print">{t('accounts.sheet.print')}</Button>
          <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void exportXlsx()} data-testid="sheet-export">{t('accounts.sheet.export')}</Button>
          <Popconfirm title={t('accounts.sheet.doneConfirm')} onConfirm={onDone} okButtonProps={{ 'data-testid': 'sheet-done-ok' }}>
            <Button data-testid="sheet-done">{t('accounts.sheet.done')}</Button>
          </Popconfirm>
        </Space>
      </Flex>
      <Typography.Title level={4} className="print-only">{t('accounts.sheet.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('accounts.sheet.count', { count: accounts.length })}</Typography.Text>
      <div className="account-cards">
        {sorted.map((a) => (
          <div className="account-card" key={a.username} data-testid="account-card" data-username={a.username}>
            <div className="account-card-body">
              <table>
                <tbody>
                  <tr><th>{t('accounts.sheet.name')}</th><td data-testid="card-name">{a.displayName}</td></tr>
                  <tr><th>{t('accounts.sheet.unit')}</th><td>{placeOf(a)}</td></tr>
                  <tr><th>{t('accounts.sheet.role')}</th><td>{roleWords(a)}</td></tr>
                  <tr><th>{t('accounts.sheet.username')}</th><td className="mono" data-testid="card-username">{a.username}</td></tr>
                  <tr><th>{t('accounts.sheet.password')}</th><td className="mono" data-testid="card-password">{a.password}</td></tr>
                  <tr><th>{t('accounts.sheet.url')}</th><td className="mono small">{a.loginUrl}</td></tr>
                </tbody>
              </table>
              <div className="account-qr">
                <img src={svgData(a.qrSvg)} alt={a.loginUrl} width={112} height={112} />
                <div className="small">{t('accounts.sheet.scan')}</div>
              </div>
            </div>
            <div className="account-card-foot small">{t('accounts.sheet.footer')}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
