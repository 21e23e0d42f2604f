/// <reference types="@paylink/elements/react" />
