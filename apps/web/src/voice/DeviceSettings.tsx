/** Microphone and speaker choice for the call (labels show once the browser allowed the microphone). */
import { useEffect, useState } from 'react';
import { useVoiceController } from './VoiceProvider.tsx';

interface Devices {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
}

function useDevices(): Devices {
  const [devices, setDevices] = useState<Devices>({ inputs: [], outputs: [] });
  useEffect(() => {
    const md = navigator.mediaDevices as MediaDevices | undefined;
    if (!md?.enumerateDevices) return;
    let live = true;
    const read = () =>
      void md
        .enumerateDevices()
        .then((list) => {
          if (!live) return;
          setDevices({
            inputs: list.filter((d) => d.kind === 'audioinput'),
            outputs: list.filter((d) => d.kind === 'audiooutput'),
          });
        })
        .catch(() => undefined);
    read();
    md.addEventListener('devicechange', read);
    return () => {
      live = false;
      md.removeEventListener('devicechange', read);
    };
  }, []);
  return devices;
}

/** HTMLMediaElement.setSinkId is not everywhere (Firefox only lately, Safari not at all). */
const canChooseOutput = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export function DeviceSettings() {
  const controller = useVoiceController();
  const { inputs, outputs } = useDevices();
  const label = (d: MediaDeviceInfo, i: number, kind: string) => d.label || `${kind} ${i + 1}`;
  return (
    <div className="device-settings" data-testid="device-settings">
      <label>
        <span className="small muted">Microphone</span>
        <select
          value={controller.prefs.inputDeviceId}
          onChange={(e) => void controller.setInputDevice(e.target.value)}
          data-testid="input-device"
        >
          <option value="">Default</option>
          {inputs
            .filter((d) => d.deviceId && d.deviceId !== 'default')
            .map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {label(d, i, 'Microphone')}
              </option>
            ))}
        </select>
      </label>
      {canChooseOutput && (
        <label>
          <span className="small muted">Speaker</span>
          <select
            value={controller.prefs.outputDeviceId}
            onChange={(e) => controller.setOutputDevice(e.target.value)}
            data-testid="output-device"
          >
            <option value="">Default</option>
            {outputs
              .filter((d) => d.deviceId && d.deviceId !== 'default')
              .map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {label(d, i, 'Speaker')}
                </option>
              ))}
          </select>
        </label>
      )}
    </div>
  );
}
