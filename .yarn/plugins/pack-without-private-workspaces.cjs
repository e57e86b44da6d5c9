/*
 * A Yarn plugin for publishing: a packed package.json names no private workspace of this repository.
 *
 * Our packages' tests use the demo's stand-ins from the private @mlops-portal/sandbox workspace, a devDependency
 * that no registry serves; `backstage-cli package prepack` keeps devDependencies. This hook drops devDependencies
 * on private workspaces from the manifest `yarn pack` (and `yarn npm publish`) writes into the tarball, and refuses
 * to pack a package that needs a private workspace at run time. It leaves package.json on disk alone, and leaves
 * each package's prepack script exactly `backstage-cli package prepack`, which `yarn build:backend` needs for its
 * fast path.
 */
module.exports = {
  name: 'plugin-pack-without-private-workspaces',
  factory: () => ({
    hooks: {
      beforeWorkspacePacking(workspace, rawManifest) {
        const privateNames = new Set(
          workspace.project.workspaces
            .filter(w => w.manifest.private)
            .map(w => w.manifest.raw.name),
        );
        for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
          for (const name of Object.keys(rawManifest[field] ?? {})) {
            if (privateNames.has(name)) {
              throw new Error(
                `${rawManifest.name} needs the private workspace ${name} (${field}); it cannot be published`,
              );
            }
          }
        }
        for (const name of Object.keys(rawManifest.devDependencies ?? {})) {
          if (privateNames.has(name)) delete rawManifest.devDependencies[name];
        }
      },
    },
  }),
};
