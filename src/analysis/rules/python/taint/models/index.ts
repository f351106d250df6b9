// Every taint model for Python: one per framework or library.
import type { FrameworkModel } from '../../../../flow/models';
import { aiohttpModel } from './aiohttp';
import { databaseModel } from './database';
import { djangoModel } from './django';
import { fastapiModel } from './fastapi';
import { flaskModel } from './flask';
import { httpClientsModel } from './httpClients';
import { httpServerModel } from './httpServer';
import { ldapModel } from './ldap';
import { environmentModel, randomnessModel, stdlibModel } from './stdlib';
import { templatesModel } from './templates';
import { tornadoModel } from './tornado';
import { xmlParsersModel } from './xmlParsers';

export const pythonTaintModels: readonly FrameworkModel[] = [
  stdlibModel,
  environmentModel,
  randomnessModel,
  databaseModel,
  httpClientsModel,
  templatesModel,
  xmlParsersModel,
  ldapModel,
  flaskModel,
  djangoModel,
  fastapiModel,
  aiohttpModel,
  tornadoModel,
  httpServerModel,
];
