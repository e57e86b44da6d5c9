import { ComponentProps } from 'react';
import { SignInPage } from '@backstage/core-components';
import { demoColleagueAuthApiRef, demoGuestAuthApiRef } from './DemoSignInAuth';

/**
 * DEMO ONLY: two people to sign in as, so every flow can be finished in the demo: Amira Haddad requests a
 * champion move, Jonas Berg (the same team, another person) approves it. Both sign in without credentials, through
 * the backend's guest provider and the demo's `colleague` provider (packages/backend/src/auth), which the backend
 * refuses outside development. A production app uses Backstage's SignInPage with its real providers.
 */
export const DemoSignInPage = (
  props: Omit<ComponentProps<typeof SignInPage>, 'providers'>,
) => (
  <SignInPage
    {...props}
    title="MLOps Portal demo"
    align="center"
    providers={[
      {
        id: 'guest',
        title: 'Amira Haddad',
        message: 'Fraud ML. Promotes models and starts rollouts.',
        apiRef: demoGuestAuthApiRef,
      },
      {
        id: 'colleague',
        title: 'Jonas Berg',
        message: 'Fraud ML. A second person, to approve what Amira asks for.',
        apiRef: demoColleagueAuthApiRef,
      },
    ]}
  />
);
