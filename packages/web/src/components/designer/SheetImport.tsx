// An Excel sheet (uploaded, read by the server) or text pasted from one, checked row by row: every
// row with its problems on it. Applying is possible only when no row has any; nothing changes before.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Input, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { readSheet } from '../../api/endpoints.ts';
import { rowsFromPaste, type CheckedRow, type RowProblem, type SheetRow } from '../../designer/sheet.ts';

export interface SheetCheck {
  rows: CheckedRow<unknown>[];
  sheet: RowProblem[];
  ok: boolean;
}

export function SheetImport({ check, onApply, applyLabel, pastePlaceholder, testid, uploadLabel }: {
  check: (rows: SheetRow[]) => SheetCheck;
  onApply: (rows: SheetRow[]) => void;
  applyLabel: (count: number) => ReactNode;
  pastePlaceholder: string;
  uploadLabel: ReactNode;
  testid: string;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<SheetRow[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const result = rows ? check(rows) : null;
  const problem = (p: RowProblem) => t(`designer.rowError.${p.code}`, p.params ?? {});
  const bad = result ? result.rows.filter((r) => r.problems.length > 0).length : 0;

  return (
    <div data-testid={testid}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            setError(null);
            readSheet(file)
              .then((r) => setRows(r.rows))
              .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid={`${testid}-upload`}>{uploadLabel}</Button>
        </Upload>
      </Space>
      <Input.TextArea
        rows={3}
        value={text}
        placeholder={pastePlaceholder}
        onChange={(e) => setText(e.target.value)}
        data-testid={`${testid}-paste`}
        style={{ fontFamily: 'monospace' }}
      />
      <Button style={{ marginTop: 6 }} onClick={() => setRows(rowsFromPaste(text))} disabled={!text.trim()} data-testid={`${testid}-check`}>{t('designer.units.check')}</Button>
      {error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={error} />}
      {result && (
        <div style={{ marginTop: 8 }}>
          {result.sheet.map((p) => <Alert key={p.code} type="error" showIcon title={problem(p)} data-testid={`${testid}-sheet-error`} />)}
          {result.sheet.length === 0 && (
            <Alert
              type={result.ok ? 'success' : 'error'}
              showIcon
              data-testid={`${testid}-summary`}
              title={result.ok ? t('designer.units.rowsOk', { count: result.rows.length }) : t('designer.units.rowsBad', { count: bad })}
            />
          )}
          <Table
            size="small"
            rowKey="row"
            pagination={false}
            scroll={{ y: 280 }}
            dataSource={result.rows}
            data-testid={`${testid}-rows`}
            rowClassName={(r) => (r.problems.length > 0 ? 'sheet-row-bad' : '')}
            columns={[
              { title: t('designer.row'), dataIndex: 'row', width: 60 },
              { title: t('designer.content'), key: 'cells', render: (_: unknown, r: CheckedRow<unknown>) => r.cells.join(' | ') },
              {
                title: t('designer.problem'), key: 'problems',
                render: (_: unknown, r: CheckedRow<unknown>) => r.problems.length > 0 && (
                  <Typography.Text type="danger" data-testid={`${testid}-row-${r.row}-problem`}>{r.problems.map(problem).join('；')}</Typography.Text>
                ),
              },
            ]}
          />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={!result.ok}
            onClick={() => {
              onApply(rows as SheetRow[]);
              setRows(null);
              setText('');
            }}
            data-testid={`${testid}-apply`}
          >
            {applyLabel(result.rows.length)}
          </Button>
        </div>
      )}
    </div>
  );
}
