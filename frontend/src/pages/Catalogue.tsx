import { useEffect } from 'react';
import { Card, Col, Empty, Flex, Input, Pagination, Row, Select, Skeleton, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import {
  apiSearchParams, changeQuery, CLASSIFICATIONS, DELIVERY_MODES, INDUSTRIES, PAGE_SIZE, PLAN_KINDS, readCatalogueQuery,
  SORTS, SOURCE_TYPES, writeCatalogueQuery, type CatalogueQuery,
} from '../lib/urlState';
import { ClassificationTag, DeliveryModeIcons, GateBadges, Money, ProblemAlert } from '../ui';
import { useLocalText } from '../lib/localText';

export default function Catalogue() {
  const { t } = useTranslation();
  const local = useLocalText();
  const [params, setParams] = useSearchParams();
  const query = readCatalogueQuery(params);
  const set = (change: Partial<CatalogueQuery>) => setParams(writeCatalogueQuery(changeQuery(query, change)));

  const results = useQuery({
    queryKey: ['products', apiSearchParams(query)],
    queryFn: () => call(api.GET('/api/products', { params: { query: apiSearchParams(query) as never } })),
    placeholderData: keepPreviousData,
  });

  // For ./exchange bench-store: when the first results are on screen (once per page load).
  useEffect(() => {
    if (results.data && performance.getEntriesByName('catalogue-shown').length === 0) performance.mark('catalogue-shown');
  }, [results.data]);

  const filter = (key: 'industry' | 'sourceType' | 'classification' | 'deliveryMode' | 'planKind', values: readonly string[], prefix: string) => (
    <Select
      aria-label={t(`catalogue.filter.${key}`)}
      placeholder={t(`catalogue.filter.${key}`)}
      allowClear
      style={{ minWidth: 150 }}
      value={query[key]}
      onChange={(v) => set({ [key]: v ?? undefined })}
      options={values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }))}
    />
  );

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 26 }}>{t('catalogue.title')}</Typography.Title>
      <Flex vertical gap={12} style={{ marginBottom: 20 }}>
        <Input.Search
          key={query.q}
          aria-label={t('catalogue.search')}
          placeholder={t('catalogue.searchPlaceholder')}
          defaultValue={query.q}
          enterButton={t('catalogue.searchButton')}
          size="large"
          onSearch={(q) => set({ q })}
          data-testid="catalogue-search"
        />
        <Space wrap>
          {filter('industry', INDUSTRIES, 'industry')}
          {filter('sourceType', SOURCE_TYPES, 'sourceType')}
          {filter('classification', CLASSIFICATIONS, 'classification')}
          {filter('deliveryMode', DELIVERY_MODES, 'delivery')}
          {filter('planKind', PLAN_KINDS, 'planKind')}
          <Select
            aria-label={t('catalogue.sort')}
            style={{ minWidth: 150 }}
            value={query.sort}
            onChange={(sort) => set({ sort })}
            options={SORTS.map((s) => ({ value: s, label: t(`catalogue.sortBy.${s}`) }))}
          />
        </Space>
      </Flex>
      <ProblemAlert error={results.error} />
      {results.isPending ? (
        <Skeleton active />
      ) : results.data && results.data.content.length > 0 ? (
        <>
          <Typography.Paragraph role="status" data-testid="result-count">
            {t('catalogue.found', { count: results.data.totalSize })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]} className="product-grid">
            {results.data.content.map((p) => (
              <Col key={p.id} xs={24} sm={12} lg={8}>
                <Card size="small" data-testid="product-card">
                  <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
                    <Link to={`/products/${p.id}`}>{local(p.title, p.titleEn)}</Link>
                  </Typography.Title>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{p.merchantName}</Typography.Paragraph>
                  <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
                    <ClassificationTag level={p.classificationLevel} />
                    <GateBadges level={p.classificationLevel} requiresApproval={p.requiresRegulatorApproval} />
                  </Space>
                  <Flex justify="space-between" align="center">
                    <DeliveryModeIcons modes={p.deliveryModes} />
                    {p.minPriceMinor != null && (
                      <Typography.Text strong>
                        {t('catalogue.from')} <Money minor={p.minPriceMinor} currency={p.currency} />
                      </Typography.Text>
                    )}
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
          <Pagination
            style={{ marginTop: 24, textAlign: 'center' }}
            current={query.page}
            pageSize={PAGE_SIZE}
            total={results.data.totalSize}
            showSizeChanger={false}
            onChange={(page) => set({ page })}
          />
        </>
      ) : (
        <Empty description={t('catalogue.none')} />
      )}
    </>
  );
}
