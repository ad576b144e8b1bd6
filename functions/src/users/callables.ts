import { claimUsernameInput } from '../model/index.js';
import { signedInCallable } from '../shared/callable.js';
import { noInput } from '../shared/noInput.js';
import * as account from './deleteAccount.js';
import * as exporting from './exportMyData.js';
import * as usernames from './claimUsername.js';

export const claimUsername = signedInCallable(claimUsernameInput, (uid, input) =>
  usernames.claimUsername(uid, input.username),
);
export const exportMyData = signedInCallable(noInput, (uid) => exporting.exportMyData(uid));
export const deleteAccount = signedInCallable(noInput, (uid, _input, request) =>
  account.deleteAccount(uid, request.auth?.token.auth_time),
);
