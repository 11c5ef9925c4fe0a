// The account form (new or edit): name, account (empty: made from the name's pinyin), phone, the
// organization, and the roles with what each covers — picked by name from the campaigns' units and
// indicators. Creating answers with the initial password (shown on the account sheet).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { createAccount, updateAccount, type AccountListItem, type IssuedAccount } from '../../api/accounts.ts';
import type { Role } from '../../api/types.ts';
import { entriesOf, grantsOf, type RoleEntry } from '../../lib/accounts.ts';
import { orgPath, type Catalog } from './catalog.ts';

interface Values {
  displayName: string;
  username?: string;
  phone?: string;
  organizationId: number;
  roles: RoleEntry[];
}

const ROLES: Role[] = ['reporter', 'scorer', 'leader', 'organizer'];

export function AccountForm({ open, editing, catalog, organizations, isAdmin, onClose, onSaved }: {
  open: boolean;
  /** null: a new account */
  editing: AccountListItem | null;
  catalog: Catalog;
  /** the organizations the user may place accounts in */
  organizations: Catalog['organizations'];
  isAdmin: boolean;
  onClose: () => void;
  onSaved: (issued: IssuedAccount | null) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const organizationId = Form.useWatch('organizationId', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({ displayName: editing.displayName, username: editing.username, phone: editing.phone ?? '', organizationId: editing.organizationId, roles: entriesOf(editing.grants) });
    } else {
      form.setFieldsValue({ organizationId: organizations[0]?.id, roles: [{ role: 'reporter', unitIds: [], indicatorIds: [] }] });
    }
  }, [open, editing, organizations, form]);

  // campaigns one may assign people in: those of the chosen organization (an admin: any)
  const campaigns = catalog.campaigns.filter((c) => isAdmin || organizations.some((o) => o.id === c.organizationId));
  const campaignOptions = (campaigns.some((c) => c.organizationId === organizationId) ? campaigns.filter((c) => c.organizationId === organizationId) : campaigns)
    .map((c) => ({ value: c.id, label: c.name }));

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const grants = grantsOf(v.roles ?? [], v.organizationId);
      if (editing) {
        await updateAccount(editing.id, { displayName: v.displayName, phone: v.phone?.trim() || null, organizationId: v.organizationId, grants });
        onSaved(null);
      } else {
        const username = v.username?.trim();
        const res = await createAccount({ displayName: v.displayName, ...(username ? { username } : {}), phone: v.phone?.trim() || null, organizationId: v.organizationId, grants });
        onSaved(res.account);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={760}
      title={editing ? t('accounts.form.editTitle', { name: editing.displayName }) : t('accounts.form.createTitle')}
      onCancel={onClose}
      okText={editing ? t('accounts.form.submitEdit') : t('accounts.form.submitCreate')}
      okButtonProps={{ loading: busy, 'data-testid': 'account-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="account-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Space.Compact block>
          <Form.Item name="displayName" label={t('accounts.form.name')} rules={[{ required: true, whitespace: true, message: t('accounts.form.nameRequired') }]} style={{ flex: 1, marginRight: 8 }}>
            <Input data-testid="account-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="username" label={t('accounts.form.username')} extra={editing ? undefined : t('accounts.form.usernameHint')} style={{ flex: 1, marginRight: 8 }}
            rules={[{ pattern: /^[\p{L}\p{N}_.-]*$/u, message: t('accounts.form.usernameRule') }]}>
            <Input data-testid="account-username" disabled={!!editing} maxLength={64} />
          </Form.Item>
          <Form.Item name="phone" label={t('accounts.form.phone')} style={{ flex: 1 }}>
            <Input data-testid="account-phone" maxLength={32} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="organizationId" label={t('accounts.form.organization')} rules={[{ required: true, message: t('accounts.form.organizationRequired') }]}>
          <Select
            data-testid="account-organization"
            showSearch={{ optionFilterProp: 'label' }}
            options={organizations.map((o) => ({ value: o.id, label: orgPath(o, catalog.organization) }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('accounts.form.roles')}</Typography.Text>
        <Form.List name="roles" rules={[{ validator: async (_, v: RoleEntry[] | undefined) => { if (!v || v.length === 0) throw new Error(t('accounts.form.rolesRequired')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <RoleCard key={field.key} name={field.name} form={form} catalog={catalog} campaignOptions={campaignOptions} onRemove={() => remove(field.name)} />
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'reporter', unitIds: [], indicatorIds: [] })} block data-testid="account-add-role">
                {t('accounts.form.addRole')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function RoleCard({ name, form, catalog, campaignOptions, onRemove }: {
  name: number;
  form: ReturnType<typeof Form.useForm<Values>>[0];
  catalog: Catalog;
  campaignOptions: { value: string; label: string }[];
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const role = Form.useWatch(['roles', name, 'role'], form) as Role | undefined;
  const campaignId = Form.useWatch(['roles', name, 'campaignId'], form) as string | undefined;
  const campaign = campaignId ? catalog.campaign.get(campaignId) : undefined;
  const needsCampaign = role === 'reporter' || role === 'scorer';
  const showUnits = role === 'reporter' || role === 'leader';
  const showIndicators = role === 'scorer' || role === 'leader';
  const hint = role === 'reporter' ? t('accounts.form.reporterHint') : role === 'scorer' ? t('accounts.form.scorerHint') : role === 'leader' ? t('accounts.form.leaderHint') : t('accounts.form.organizerHint');
  const roleOptions = [...ROLES, ...(role === 'admin' ? ['admin' as const] : [])].map((r) => ({ value: r, label: t(`accounts.role.${r}`) }));
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="account-role"
      extra={<Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label="remove" />}
      title={(
        <Form.Item name={[name, 'role']} noStyle>
          <Select style={{ width: 160 }} options={roleOptions} data-testid="account-role-select"
            onChange={() => form.setFieldValue(['roles', name], { ...form.getFieldValue(['roles', name]), unitIds: [], indicatorIds: [] })} />
        </Form.Item>
      )}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{hint}</Typography.Paragraph>
      {role !== 'organizer' && role !== 'admin' && (
        <Form.Item name={[name, 'campaignId']} label={t('accounts.form.campaign')} rules={needsCampaign ? [{ required: true, message: t('accounts.form.campaignRequired') }] : []}>
          <Select allowClear={!needsCampaign} options={campaignOptions} data-testid="account-campaign"
            onChange={() => form.setFieldValue(['roles', name], { ...form.getFieldValue(['roles', name]), unitIds: [], indicatorIds: [] })} />
        </Form.Item>
      )}
      {showUnits && campaign && (
        <Form.Item name={[name, 'unitIds']} label={t('accounts.form.units')} rules={role === 'reporter' ? [{ required: true, type: 'array', min: 1, message: t('accounts.form.unitsRequired') }] : []}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={campaign.units.map((u) => ({ value: u.id, label: u.name }))} data-testid="account-units" />
        </Form.Item>
      )}
      {showIndicators && campaign && (
        <Form.Item name={[name, 'indicatorIds']} label={t('accounts.form.indicators')} rules={role === 'scorer' ? [{ required: true, type: 'array', min: 1, message: t('accounts.form.indicatorsRequired') }] : []}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={campaign.indicators.map((d) => ({ value: d.id, label: d.name }))} data-testid="account-indicators" />
        </Form.Item>
      )}
    </Card>
  );
}
