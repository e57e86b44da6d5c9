import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it("offers the demo's two people to sign in as", async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(<App />);

    // Nobody is signed in yet, so the page offers both demo identities, each with its own sign-in button.
    expect(
      await screen.findAllByRole(
        'button',
        { name: 'Sign In' },
        { timeout: 20_000 },
      ),
    ).toHaveLength(2);
    expect(screen.getByText('Amira Haddad')).toBeInTheDocument();
    expect(
      screen.getByText(/Promotes models and starts rollouts/),
    ).toBeInTheDocument();
    expect(screen.getByText('Jonas Berg')).toBeInTheDocument();
    expect(
      screen.getByText(/to approve what Amira asks for/),
    ).toBeInTheDocument();
  }, 30_000);
});
