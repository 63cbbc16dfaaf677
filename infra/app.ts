// `cdk synth` / `cdk deploy` entry (see cdk.json): synthesises the hotline stack; cdk-nag findings fail it.
import { createHotlineApp } from './hotline-app.js';

createHotlineApp().app.synth();
