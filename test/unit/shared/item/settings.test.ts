import { limitOptions } from '../../../../nodes/shared/descriptions/limits';
import { requestOptions } from '../../../../nodes/shared/descriptions/options';
import { REQUEST_OPTION_DEFAULTS } from '../../../../nodes/shared/item/settings';

test('the request loop uses the defaults the editor shows for every request option', () => {
	const shown = Object.fromEntries(
		[...requestOptions, ...limitOptions].map((option) => [option.name, option.default]),
	);
	expect(REQUEST_OPTION_DEFAULTS).toEqual(shown);
});
