import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError } from '../errors/domain-error';
import { argumentPath, findUnstorableText } from './clean-text';

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * class-validator on every argument and input. Problems become one BAD_USER_INPUT error that names the field (dotted
 * for nested inputs: `filter.search`) and what it accepts; the wording comes from the decorators' messages.
 */
/**
 * The parameter kinds that carry client input: a GraphQL argument (@nestjs/graphql's GqlParamtype.ARGS, which it
 * does not export) and an HTTP body, query or route parameter. Nest also hands the global pipe every @Parent(),
 * @Context() and @Info() value, on every field resolver: those are our own objects, not input. Validating them is
 * wasted work and costly (class-transformer copies each parent into its model class; the context reaches the socket
 * and the server), so they pass through as they are.
 */
const CLIENT_INPUT: ReadonlySet<unknown> = new Set([3, 'body', 'query', 'param']);

class CrosswalkValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const path = findUnstorableText(value);
    if (path !== undefined) {
      throw new BadUserInputError(argumentPath(metadata.data ?? '', path), 'must not contain NUL characters or unpaired UTF-16 surrogates');
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new CrosswalkValidationPipe({
    transform: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      const [first, ...rest] = problems.length > 0 ? problems : [{ field: 'input', message: 'is invalid' }];
      const more = rest.length > 0 ? `; also ${rest.map((p) => `${p.field}: ${p.message}`).join('; ')}` : '';
      return new BadUserInputError(first.field, `${first.message}${more}`);
    },
  });
}
