import { useCallback } from 'react';
import { makeStyles, Theme, Grid, Paper } from '@material-ui/core';
import BubbleChartIcon from '@material-ui/icons/BubbleChart';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { MlopsSearchResultListItem } from '@mlops-portal/plugin-mlops';
import { MLOPS_KINDS } from '@mlops-portal/plugin-mlops-common';

import { CatalogSearchResultListItem } from '@backstage/plugin-catalog';

import { SearchType } from '@backstage/plugin-search';
import {
  SearchBar,
  SearchFilter,
  SearchResult,
  SearchPagination,
} from '@backstage/plugin-search-react';
import { CatalogIcon, Content, Header, Page } from '@backstage/core-components';

const useStyles = makeStyles((theme: Theme) => ({
  bar: {
    padding: theme.spacing(1, 0),
  },
  filters: {
    padding: theme.spacing(2),
    marginTop: theme.spacing(2),
  },
  filter: {
    '& + &': {
      marginTop: theme.spacing(2.5),
    },
  },
}));

/** The health filter's values: the Model's status as the health light names it. */
const HEALTH_VALUES = [
  { value: 'ok', label: 'Healthy' },
  { value: 'warning', label: 'Warning' },
  { value: 'critical', label: 'Critical' },
  { value: 'unknown', label: 'Unknown' },
];

const SearchPage = () => {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  // Framework and owner values come from the catalog, so the filters offer what the Models actually declare.
  const frameworks = useCallback(async () => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: { kind: 'Model' },
      facets: ['spec.framework'],
    });
    return (facets['spec.framework'] ?? []).map(f => f.value).sort();
  }, [catalogApi]);
  const owners = useCallback(async () => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: { kind: [...MLOPS_KINDS] },
      facets: ['relations.ownedBy'],
    });
    return (facets['relations.ownedBy'] ?? [])
      .map(f => ({
        value: f.value,
        label: humanizeEntityRef(parseEntityRef(f.value), {
          defaultKind: 'group',
        }),
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);

  return (
    <Page themeId="home">
      <Header title="Search" />
      <Content>
        <Grid container direction="row">
          <Grid item xs={12}>
            <Paper className={classes.bar}>
              <SearchBar />
            </Paper>
          </Grid>
          <Grid item xs={3}>
            <SearchType.Accordion
              name="Result Type"
              defaultValue="software-catalog"
              types={[
                {
                  value: 'software-catalog',
                  name: 'Software Catalog',
                  icon: <CatalogIcon />,
                },
                // Models, Pipelines and FeatureViews with their facts (search-backend-module-mlops).
                { value: 'mlops', name: 'ML', icon: <BubbleChartIcon /> },
              ]}
            />
            <Paper className={classes.filters}>
              <SearchFilter.Select
                className={classes.filter}
                label="Kind"
                name="kind"
                values={[
                  'Model',
                  'Pipeline',
                  'FeatureView',
                  'Component',
                  'Template',
                ]}
              />
              <SearchFilter.Select
                className={classes.filter}
                label="Framework"
                name="framework"
                values={frameworks}
              />
              <SearchFilter.Select
                className={classes.filter}
                label="Owner"
                name="owner"
                values={owners}
              />
              <SearchFilter.Select
                className={classes.filter}
                label="Health"
                name="health"
                values={HEALTH_VALUES}
              />
              <SearchFilter.Checkbox
                className={classes.filter}
                label="Lifecycle"
                name="lifecycle"
                values={['experimental', 'production']}
              />
            </Paper>
          </Grid>
          <Grid item xs={9}>
            <SearchPagination />
            <SearchResult>
              <CatalogSearchResultListItem icon={<CatalogIcon />} />
              <MlopsSearchResultListItem icon={<BubbleChartIcon />} />
            </SearchResult>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};

export const searchPage = <SearchPage />;
