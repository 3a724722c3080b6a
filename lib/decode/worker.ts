// Runs the decoder off the UI thread: the known-secret check tries ~1000 keys per signed session.
import { answerDecodeRequest, type DecodeRequest } from './request';

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  void answerDecodeRequest(event.data, (response) => self.postMessage(response));
};
