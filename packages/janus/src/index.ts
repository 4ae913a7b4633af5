export {
  coreToken,
  roomToken,
  verifyToken,
  roomOfToken,
  VIDEOROOM_PLUGIN,
  type VerifiedToken,
} from './tokens.ts';
export { pickServer, roomHashKey } from './rendezvous.ts';
export { JanusConnection, JanusError, JANUS_SUBPROTOCOL, type JanusMessage } from './janus-connection.ts';
export { VideoRoomControl, VideoRoomErrors, type PluginData } from './videoroom-control.ts';
export { writeJanusConfig, type JanusConfigOptions } from './janus-config.ts';
export { startJanus, isExecutable, type JanusLaunchOptions, type RunningJanus } from './launcher.ts';
export { janusConfig, janusUrls, janusTokenSecret } from './config.ts';
export {
  embeddedJanusConfig,
  startEmbeddedJanus,
  type EmbeddedJanus,
  type EmbeddedJanusSettings,
} from './embedded.ts';
