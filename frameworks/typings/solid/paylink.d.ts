/// <reference types="@paylink/elements/solid" />
