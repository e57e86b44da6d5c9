import Grid from '@material-ui/core/Grid';
import {
  EntityAboutCard,
  EntityLayout,
  EntityLinksCard,
  RelatedEntitiesCard,
} from '@backstage/plugin-catalog';
import {
  ALL_RELATION_PAIRS,
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import { EntityTable } from '@backstage/plugin-catalog-react';
import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import {
  EntityFeatureViewFeaturesCard,
  EntityFeatureViewFeastCard,
  EntityFeatureViewOverviewCard,
  EntityMlLineageCard,
  EntityModelOverviewCard,
  EntityModelChampionCard,
  EntityModelCardCard,
  EntityModelDeploymentContent,
  EntityModelHealthCard,
  EntityModelMonitoringContent,
  EntityPipelineRunsContent,
  EntityModelRegistryContent,
  EntityPipelineOverviewCard,
  MlRelationLabel,
  mlRelationPairs,
} from '@mlops-portal/plugin-mlops';
import {
  RELATION_CONSUMES_FEATURES,
  RELATION_FEATURES_CONSUMED_BY,
  RELATION_TRAINED_BY,
  RELATION_TRAINS,
} from '@mlops-portal/plugin-mlops-common';
import { entityWarningContent } from './entityWarningContent';

const mlRelations = [
  RELATION_TRAINED_BY,
  RELATION_TRAINS,
  RELATION_CONSUMES_FEATURES,
  RELATION_FEATURES_CONSUMED_BY,
  RELATION_DEPENDS_ON,
  RELATION_DEPENDENCY_OF,
];

const lineageGraph = (
  <EntityCatalogGraphCard
    title="ML graph"
    height={360}
    direction={Direction.LEFT_RIGHT}
    relations={mlRelations}
    relationPairs={[...ALL_RELATION_PAIRS, ...mlRelationPairs]}
    // Edges in words ("reads features from", "trained by", "served by"), not relation pairs.
    renderLabel={MlRelationLabel}
    unidirectional={false}
  />
);

/** On a serving Component: the Models that depend on it, i.e. the models it serves. */
export const servedModelsCard = (
  <RelatedEntitiesCard
    variant="gridItem"
    title="Models served"
    entityKind="Model"
    relationType={RELATION_DEPENDENCY_OF}
    columns={[
      EntityTable.columns.createEntityRefColumn({ defaultKind: 'Model' }),
      EntityTable.columns.createOwnerColumn(),
      EntityTable.columns.createSpecLifecycleColumn(),
      EntityTable.columns.createMetadataDescriptionColumn(),
    ]}
    emptyMessage="No model is served by this component"
    emptyHelpLink="https://backstage.io/docs/features/software-catalog/descriptor-format#specdependson-optional"
    asRenderableEntities={entities => entities}
  />
);

export const modelPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item xs={12}>
          <EntityMlLineageCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityModelChampionCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityModelOverviewCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityModelHealthCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityLinksCard />
        </Grid>
        <Grid item xs={12}>
          <EntityModelCardCard />
        </Grid>
        <Grid item xs={12}>
          {lineageGraph}
        </Grid>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/registry" title="Registry">
      <EntityModelRegistryContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/deployment" title="Deployment">
      <EntityModelDeploymentContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/monitoring" title="Monitoring">
      <EntityModelMonitoringContent />
    </EntityLayout.Route>
  </EntityLayout>
);

export const pipelinePage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityPipelineOverviewCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMlLineageCard />
        </Grid>
        <Grid item xs={12}>
          {lineageGraph}
        </Grid>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/runs" title="Runs">
      <EntityPipelineRunsContent />
    </EntityLayout.Route>
  </EntityLayout>
);

export const featureViewPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item xs={12} md={5}>
          <EntityFeatureViewOverviewCard />
        </Grid>
        <Grid item xs={12} md={7}>
          <EntityFeatureViewFeastCard />
        </Grid>
        <Grid item xs={12}>
          <EntityFeatureViewFeaturesCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMlLineageCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);
