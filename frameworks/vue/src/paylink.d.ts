/// <reference types="@paylink/elements/vue" />
