// A unit's other years ("2025 优秀"): the campaigns of other years that have a unit of the same name,
// with its year grade (or its rank) in the latest stored result of each. Shown on the unit page.
import { Space, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getCampaign, getResults, listCampaigns } from '../api/endpoints.ts';
import { useAsync } from '../hooks/useAsync.ts';

interface Year {
  campaignId: string;
  campaignName: string;
  year: number;
  unitId: string;
  grade: string | null;
  rank: number | null;
  period: string | null;
}

async function otherYears(campaignId: string, unitName: string, year: number): Promise<Year[]> {
  const { campaigns } = await listCampaigns();
  const others = campaigns.filter((c) => c.id !== campaignId && c.year !== year).slice(0, 6);
  const found = await Promise.all(others.map(async (c): Promise<Year | null> => {
    try {
      const detail = await getCampaign(c.id);
      const unit = detail.model.units.find((u) => u.name === unitName);
      if (!unit) return null;
      const res = await getResults(c.id);
      const r = res.result?.units.find((x) => x.unit === unit.id);
      const gradeId = r?.summary?.grade ?? null;
      const grade = gradeId ? (detail.model.grades.find((g) => g.id === gradeId)?.name ?? gradeId) : null;
      return { campaignId: c.id, campaignName: c.name, year: c.year, unitId: unit.id, grade, rank: r ? r.rank.all : null, period: res.period };
    } catch {
      return null;
    }
  }));
  return found.filter((x): x is Year => x !== null).sort((a, b) => b.year - a.year);
}

export function OtherYears({ campaignId, unitName, year }: { campaignId: string; unitName: string; year: number }) {
  const { t } = useTranslation();
  const { data } = useAsync(() => otherYears(campaignId, unitName, year), [campaignId, unitName, year]);
  if (!data || data.length === 0) return null;
  return (
    <Space wrap data-testid="unit-other-years">
      <span>{t('designer.history2.years')}：</span>
      {data.map((y) => (
        <Tooltip key={y.campaignId} title={`${y.campaignName}${y.period ? ` · ${y.period}` : ''}`}>
          <Link to={`/campaigns/${encodeURIComponent(y.campaignId)}/units/${encodeURIComponent(y.unitId)}`}>
            <Tag color={y.grade ? 'gold' : 'default'}>
              {y.grade ? t('designer.history2.grade', { year: y.year, grade: y.grade }) : y.rank !== null ? t('designer.history2.rank', { year: y.year, rank: y.rank }) : String(y.year)}
            </Tag>
          </Link>
        </Tooltip>
      ))}
    </Space>
  );
}
