// Template types for every Telltale tag (props, on… handlers) under strictTemplates.
import type {} from 'telltale/vue';
