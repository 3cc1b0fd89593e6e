import type DataLoader from 'dataloader';
import { batchLoader, loaderById } from '../common/dataloader/batch';
import type { ControlsService } from './controls.service';
import type { Control, ControlLink } from './models/control.model';

/** Per-request loaders for one organization's controls and links (keys never cross tenants). */
export class ControlLoaders {
  readonly control: DataLoader<string, Control | null>;
  readonly links: DataLoader<string, ControlLink[]>;

  constructor(service: ControlsService, organizationId: string) {
    this.control = loaderById((ids) => service.controlsByIds(organizationId, ids));
    this.links = batchLoader(async (controlIds) => {
      const rows = await service.linksOfControls(organizationId, controlIds);
      return controlIds.map((id) => rows.filter((row) => row.controlId === id));
    });
  }
}
