import { expect } from 'chai';
import path from 'node:path';
import { documentKind, readInput } from '../../lib/input/index.js';
import { corpusDir } from '../support/paths.js';
import { corpusFiles, requireCorpus } from '../support/shared.js';

const WRAPPER_FILE = 'androzo-gha-wrapper-trailing-debug.v1.2.plan.json';

describe('input: the real plans and states of the corpus', () => {
  const files = corpusFiles().filter((f) => /\.(plan|state)\.json$/.test(f));
  before(function () {
    requireCorpus(this);
  });

  it('holds plans and states', () => {
    expect(files.length).to.be.at.least(28);
  });

  for (const file of files) {
    const kind = file.endsWith('.state.json') ? 'state' : 'plan';
    it(`${file} is one ${kind}`, async () => {
      const result = await readInput({ source: file, path: path.join(corpusDir, file) });
      expect(result.errors).to.deep.equal([]);
      expect(result.documents).to.have.length(1);
      expect(result.documents[0]!.source).to.equal(file);
      expect(result.documents[0]!.position).to.equal(undefined);
      expect(documentKind(result.documents[0]!.value)).to.equal(kind);
      const expectedWarnings =
        file === WRAPPER_FILE
          ? [
              {
                source: file,
                message:
                  'Ignored the text after the JSON at line 2, column 1 ("::debug::Terraform exited with code 0."); it comes from GitHub\'s setup-terraform wrapper, so set `terraform_wrapper: false` in the setup-terraform step.',
              },
            ]
          : [];
      expect(result.warnings).to.deep.equal(expectedWarnings);
    });
  }
});
