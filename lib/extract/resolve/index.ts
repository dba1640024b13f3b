/**
 * What resolving unknown values needs from one Terraform document, indexed once: the
 * configuration by module path, and resource instances by address and by configuration block.
 */
import { indexConfiguration, modulePathKey } from '../../terraform/configuration.js';
import type { ConfigModule, ConfigResource, ConfigurationIndex } from '../../terraform/configuration.js';
import { parseModuleAddress, relativeAddress } from '../../terraform/references.js';
import type { ModuleStep } from '../../terraform/references.js';
import type { ResourceInstance, TerraformDocument } from '../../terraform/types.js';

/** A resource instance with its module path parsed. */
export interface LocatedInstance {
  readonly instance: ResourceInstance;
  readonly module: readonly ModuleStep[];
}

export interface ResolveIndex {
  readonly document: TerraformDocument;
  readonly configuration?: ConfigurationIndex;
  /** Resource instances (managed and data) by full address; plan entries win over prior_state. */
  readInstance(address: string): ResourceInstance | undefined;
  /** Data sources read during planning, by full address. */
  readPriorData(address: string): ResourceInstance | undefined;
  /** Every instance of one configuration block: module call path + module-relative address. */
  instancesOf(configPath: readonly string[], relative: string): readonly LocatedInstance[];
  /** The instances of a block in one module instance (`module.a["x"]`, '' for the root). */
  instancesAt(module: readonly ModuleStep[], relative: string): readonly LocatedInstance[];
  configModule(configPath: readonly string[]): ConfigModule | undefined;
  /** The configuration block of an instance, when the plan has a configuration. */
  configOf(instance: ResourceInstance): { module: readonly ModuleStep[]; resource: ConfigResource } | undefined;
  moduleOf(instance: ResourceInstance): readonly ModuleStep[] | undefined;
}

const cache = new WeakMap<TerraformDocument, ResolveIndex>();

function configKey(configPath: readonly string[], relative: string): string {
  return `${modulePathKey(configPath)}|${relative}`;
}

/** A map key for a module instance path (not an address: cheaper to build). */
function moduleKey(module: readonly ModuleStep[]): string {
  let key = '';
  for (const step of module)
    key += step.key === undefined ? `.${step.name}` : `.${step.name}[${typeof step.key === 'number' ? step.key : JSON.stringify(step.key)}]`;
  return key;
}

function build(document: TerraformDocument): ResolveIndex {
  const configuration = indexConfiguration(document.configuration);
  const byAddress = new Map<string, ResourceInstance>();
  const byConfig = new Map<string, LocatedInstance[]>();
  const byModule = new Map<string, LocatedInstance[]>();
  const modules = new Map<string, readonly ModuleStep[] | undefined>();
  // Module paths parsed once per module address are shared: their keys are kept by identity.
  const moduleKeys = new WeakMap<readonly ModuleStep[], string>();
  const configKeys = new WeakMap<readonly ModuleStep[], string>();
  const keyOf = (module: readonly ModuleStep[]): string => {
    let key = moduleKeys.get(module);
    if (key === undefined) moduleKeys.set(module, (key = moduleKey(module)));
    return key;
  };
  const configKeyOf = (module: readonly ModuleStep[]): string => {
    let key = configKeys.get(module);
    if (key === undefined) configKeys.set(module, (key = modulePathKey(module.map((step) => step.name))));
    return key;
  };

  const moduleOf = (instance: ResourceInstance): readonly ModuleStep[] | undefined => {
    const address = instance.moduleAddress ?? '';
    if (!modules.has(address)) modules.set(address, parseModuleAddress(address));
    return modules.get(address);
  };
  const add = (instance: ResourceInstance): void => {
    if (byAddress.has(instance.address)) return;
    byAddress.set(instance.address, instance);
    const module = moduleOf(instance);
    if (module === undefined) return;
    const relative = relativeAddress(instance.mode, instance.type, instance.name);
    const key = `${configKeyOf(module)}|${relative}`;
    const located = { instance, module };
    let list = byConfig.get(key);
    if (!list) byConfig.set(key, (list = []));
    list.push(located);
    const at = `${keyOf(module)}|${relative}`;
    let here = byModule.get(at);
    if (!here) byModule.set(at, (here = []));
    here.push(located);
  };
  for (const instance of document.resources) add(instance);
  for (const instance of document.priorStateData.values()) add(instance);

  return {
    document,
    ...(configuration ? { configuration } : {}),
    readInstance: (address) => byAddress.get(address),
    readPriorData: (address) => document.priorStateData.get(address),
    instancesOf: (configPath, relative) => byConfig.get(configKey(configPath, relative)) ?? [],
    instancesAt: (module, relative) => byModule.get(`${keyOf(module)}|${relative}`) ?? [],
    configModule: (configPath) => configuration?.modules.get(modulePathKey(configPath)),
    configOf: (instance) => {
      const module = moduleOf(instance);
      if (module === undefined || configuration === undefined) return undefined;
      const config = configuration.modules.get(configKeyOf(module));
      const resource = config?.resources.get(relativeAddress(instance.mode, instance.type, instance.name));
      return resource ? { module, resource } : undefined;
    },
    moduleOf,
  };
}

/** The index of a document, built on first use and kept while the document lives. */
export function resolveIndexOf(document: TerraformDocument): ResolveIndex {
  let index = cache.get(document);
  if (!index) cache.set(document, (index = build(document)));
  return index;
}
