/**
 * What resolving unknown values needs from one Terraform document, indexed once: the
 * configuration by module path, and resource instances by address and by configuration block.
 */
import { indexConfiguration, modulePathKey } from '../terraform/configuration.js';
import type { ConfigModule, ConfigResource, ConfigurationIndex } from '../terraform/configuration.js';
import { parseModuleAddress, relativeAddress } from '../terraform/references.js';
import type { ModuleStep } from '../terraform/references.js';
import type { ResourceInstance, TerraformDocument } from '../terraform/types.js';

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
  configModule(configPath: readonly string[]): ConfigModule | undefined;
  /** The configuration block of an instance, when the plan has a configuration. */
  configOf(instance: ResourceInstance): { module: readonly ModuleStep[]; resource: ConfigResource } | undefined;
  moduleOf(instance: ResourceInstance): readonly ModuleStep[] | undefined;
}

const cache = new WeakMap<TerraformDocument, ResolveIndex>();

function configKey(configPath: readonly string[], relative: string): string {
  return `${modulePathKey(configPath)}|${relative}`;
}

function build(document: TerraformDocument): ResolveIndex {
  const configuration = indexConfiguration(document.configuration);
  const byAddress = new Map<string, ResourceInstance>();
  const byConfig = new Map<string, LocatedInstance[]>();
  const modules = new Map<ResourceInstance, readonly ModuleStep[] | undefined>();

  const moduleOf = (instance: ResourceInstance): readonly ModuleStep[] | undefined => {
    if (!modules.has(instance)) modules.set(instance, parseModuleAddress(instance.moduleAddress));
    return modules.get(instance);
  };
  const add = (instance: ResourceInstance): void => {
    if (byAddress.has(instance.address)) return;
    byAddress.set(instance.address, instance);
    const module = moduleOf(instance);
    if (module === undefined) return;
    const key = configKey(
      module.map((step) => step.name),
      relativeAddress(instance.mode, instance.type, instance.name),
    );
    let list = byConfig.get(key);
    if (!list) byConfig.set(key, (list = []));
    list.push({ instance, module });
  };
  for (const instance of document.resources) add(instance);
  for (const instance of document.priorStateData.values()) add(instance);

  return {
    document,
    ...(configuration ? { configuration } : {}),
    readInstance: (address) => byAddress.get(address),
    readPriorData: (address) => document.priorStateData.get(address),
    instancesOf: (configPath, relative) => byConfig.get(configKey(configPath, relative)) ?? [],
    configModule: (configPath) => configuration?.modules.get(modulePathKey(configPath)),
    configOf: (instance) => {
      const module = moduleOf(instance);
      if (module === undefined || configuration === undefined) return undefined;
      const config = configuration.modules.get(modulePathKey(module.map((step) => step.name)));
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
