import { configJsonSchema } from '../../config/json-schema.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';

/** `account-codes schema`: the JSON Schema of the configuration file (docs/rules.md#the-config-file-and-the-cli). */
export function schema(io: CliIo): ExitStatus {
  io.stdout(JSON.stringify(configJsonSchema(), null, 2));
  return EXIT.ok;
}
