import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { examplesDir, repoRoot } from '../support/paths.js';
import { listFiles } from './command-lines.js';

const RECIPES = ['atlantis', 'github-actions', 'gitlab-ci', 'library', 'pre-apply', 'terragrunt'];

/** Relative link targets of a markdown text, without anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!.split('#')[0]!).filter((target) => target !== '' && !/^[a-z]+:/.test(target));
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const next = markdown.indexOf('\n## ', start + heading.length + 2);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('example documentation links', () => {
  const markdownFiles = listFiles(examplesDir).filter((file) => file.endsWith('.md'));

  for (const file of markdownFiles) {
    it(`${file}: every relative link leads to a file or directory`, () => {
      const source = readFileSync(path.join(examplesDir, file), 'utf8');
      for (const target of relativeLinks(source)) {
        expect(existsSync(path.resolve(examplesDir, path.dirname(file), target)), `${file} -> ${target}`).to.equal(true);
      }
    });
  }

  it('the README links every recipe from its Recipes section, and every link there exists', () => {
    const recipes = section(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'), '## Recipes');
    const links = relativeLinks(recipes);
    for (const recipe of RECIPES) expect(links, recipe).to.include(`examples/${recipe}`);
    for (const link of links) expect(existsSync(path.join(repoRoot, link)), link).to.equal(true);
  });

  it('examples/README.md lists every recipe', () => {
    const recipes = section(readFileSync(path.join(examplesDir, 'README.md'), 'utf8'), '## Recipes');
    expect(relativeLinks(recipes).sort()).to.deep.equal(RECIPES);
  });

  it('every recipe directory has a README', () => {
    for (const recipe of RECIPES) expect(existsSync(path.join(examplesDir, recipe, 'README.md')), recipe).to.equal(true);
  });
});
