// MSBuild properties of a project file, as far as a SQL project needs them: the PropertyGroup
// values (DefaultCollation, DefaultSchema, the SqlCmdVar__N values that SqlCmdVariable items point
// at) and $(Name) expansion. Conditions are not evaluated: an unconditioned value wins over a
// conditioned one, and among conditioned values the first one stands (the usual
// `Condition=" '$(X)' == '' "` default, or the Debug configuration SSDT writes first).
import { localName, type XmlElement } from './xml.js';

export class ProjectProperties {
  private readonly values = new Map<string, { value: string; conditioned: boolean }>();

  constructor(root: XmlElement) {
    for (const group of root.children) {
      if (localName(group) !== 'PropertyGroup') continue;
      const groupConditioned = group.attributes.Condition !== undefined;
      for (const p of group.children) {
        const key = localName(p).toLowerCase();
        const conditioned = groupConditioned || p.attributes.Condition !== undefined;
        const prior = this.values.get(key);
        if (prior !== undefined && (conditioned || !prior.conditioned)) {
          if (!conditioned) this.values.set(key, { value: this.expand(p.text.trim()), conditioned });
          continue;
        }
        this.values.set(key, { value: this.expand(p.text.trim()), conditioned });
      }
    }
  }

  get(name: string): string | undefined {
    const v = this.values.get(name.toLowerCase())?.value;
    return v === undefined || v === '' ? undefined : v;
  }

  /** $(Name) replaced by the property's value; an unknown property is empty, as in MSBuild. */
  expand(text: string): string {
    return text.replace(/\$\(([A-Za-z_][\w.-]*)\)/g, (_, name: string) => this.values.get(name.toLowerCase())?.value ?? '');
  }
}
