import { Table, TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FeatureDefinition,
  FeatureViewEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';

const columns: TableColumn<FeatureDefinition>[] = [
  { title: 'Feature', field: 'name' },
  { title: 'Type', field: 'type' },
  { title: 'Description', field: 'description', emptyValue: '—' },
];

/**
 * The features of a FeatureView with their Feast value types, as declared in the entity.
 *
 * @public
 */
export function FeatureViewFeaturesCard() {
  const { entity } = useEntity<FeatureViewEntityV1alpha1>();
  return (
    <Table<FeatureDefinition>
      title={`Features (${entity.spec.features.length})`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={entity.spec.features}
    />
  );
}
