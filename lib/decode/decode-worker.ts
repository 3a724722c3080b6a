// Runs the decoder off the UI thread: the known-secret check tries ~1000 keys per signed session.
import { answerDecodeRequest, readDecodeRequest } from './request';

self.onmessage = (event: MessageEvent<unknown>) => {
  const request = readDecodeRequest(event.data);
  if (request) void answerDecodeRequest(request, (response) => self.postMessage(response));
};
