/// <reference types="@paylink/elements/svelte" />
