import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';

/**
 * An argument that names a framework: `CODE` or `CODE:VERSION`. This checks the shape cheaply; resolving it (and the
 * NOT_FOUND that names what exists) happens against the catalog in resolveFrameworkVersion.
 */
export function IsFrameworkRef(options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  const what = each ? 'each must be a framework reference' : 'must be a framework reference';
  return applyDecorators(
    IsString({ each, message: `${what} such as ISO27001 or ISO27001:2022` }),
    MaxLength(90, { each, message: `${what} of at most 90 characters, such as ISO27001:2022` }),
  );
}
