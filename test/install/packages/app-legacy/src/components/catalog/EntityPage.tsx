// The MLOps Portal on a legacy-frontend-system entity page, as plugins/mlops/README.md's "Install" section shows it
// (scripts/install-test.sh checks that every component that section names is used here).
import Grid from '@material-ui/core/Grid';
import {
  EntityAboutCard,
  EntityLayout,
  EntitySwitch,
} from '@backstage/plugin-catalog';
import {
  EntityFeatureViewFeastCard,
  EntityFeatureViewFeaturesCard,
  EntityFeatureViewOverviewCard,
  EntityMlLineageCard,
  EntityModelChampionCard,
  EntityModelDeploymentContent,
  EntityModelHealthCard,
  EntityModelMonitoringContent,
  EntityModelOverviewCard,
  EntityModelRegistryContent,
  EntityPipelineOverviewCard,
  EntityPipelineRunsContent,
  isMlopsFeatureView,
  isMlopsModel,
  isMlopsPipeline,
} from '@mlops-portal/plugin-mlops';

const modelPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
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
          <EntityModelHealthCard />
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

const pipelinePage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <EntityPipelineOverviewCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMlLineageCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/runs" title="Runs">
      <EntityPipelineRunsContent />
    </EntityLayout.Route>
  </EntityLayout>
);

const featureViewPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
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

export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isMlopsModel} children={modelPage} />
    <EntitySwitch.Case if={isMlopsPipeline} children={pipelinePage} />
    <EntitySwitch.Case if={isMlopsFeatureView} children={featureViewPage} />
    {/* The app's existing cases; here, create-app's default page. */}
    <EntitySwitch.Case>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <EntityAboutCard />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
  </EntitySwitch>
);
