// A page body: breadcrumbs, a title with optional actions on the right, then the content.
import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: ReactNode;
  to?: string;
}

export function Page({ crumbs, title, extra, children }: { crumbs: Crumb[]; title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div className="page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { title: <Link to="/campaigns"><HomeOutlined /></Link> },
          ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title })),
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={12} className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}
