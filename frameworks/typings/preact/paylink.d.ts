/// <reference types="@paylink/elements/preact" />
