import { FaultPlan, type FaultKind } from './fault-plan';
import { DEFAULT_FAULT_SETTINGS, type FaultSettings } from './fault-settings';

/**
 * The faults the sandbox injects on purpose, switchable at run time. Replacing the settings starts a new
 * plan, so setting the same seed again replays the same sequence of faults.
 */
export class Faults {
  private settings: FaultSettings;
  private plan: FaultPlan;

  constructor(settings: Partial<FaultSettings> = {}) {
    this.settings = { ...DEFAULT_FAULT_SETTINGS, ...settings };
    this.plan = new FaultPlan(this.settings, this.settings.seed);
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  replace(settings: FaultSettings): void {
    this.settings = { ...settings };
    this.plan = new FaultPlan(this.settings, this.settings.seed);
  }

  /** The fault the next FHIR request gets, if any: call once per request. */
  draw(): FaultKind | undefined {
    return this.plan.next();
  }
}
