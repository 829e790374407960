// Register the tags before bootstrapping.
import 'telltale/all.js';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { TrainingComponent } from './app/training.component';

bootstrapApplication(TrainingComponent, { providers: [provideZonelessChangeDetection()] }).catch((e) => console.error(e));
